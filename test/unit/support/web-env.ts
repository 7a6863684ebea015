/**
 * What the web function reads from its environment at load (the CDK API construct sets it in AWS, the
 * local stack locally): import this first in a unit test of pages, before the pages' modules.
 */
Object.assign(process.env, {
  API_URL: 'https://api.wego.example',
  SITE_URL: 'https://wego.example',
  ASSET_VERSION: '0123456789abcdef',
  SIGN_IN_URL: 'https://login.wego.example',
  CLIENT_ID: 'client',
  UPLOADS_ORIGIN: 'https://uploads.wego.example',
  JWT_ISSUER: 'https://issuer.example',
  JWT_AUDIENCE: 'client',
  JWKS_URI: 'https://issuer.example/jwks.json',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
