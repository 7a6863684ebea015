/** s3rver's account registry (CommonJS, no types of its own): the key pairs its signed requests map to. */
declare module 's3rver/lib/models/account.js' {
  const account: {
    DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
  };
  export default account;
}
