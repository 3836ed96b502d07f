/**
 * The SHA-256 of a file, computed in the browser with WebCrypto, as the 64 lowercase hex digits the ledger takes.
 * The file is read locally and nothing of it is sent anywhere: only the returned digest is.
 */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
