/** Files that esbuild bundles as text (`import x from '../openapi/...' with { type: 'text' }`). */
declare module 'redoc/bundles/redoc.standalone.js' {
  const text: string;
  export default text;
}
