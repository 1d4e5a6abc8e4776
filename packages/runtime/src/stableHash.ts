// A fast 32-bit hash for choices that must be a pure function of a key (the same in every replica, after
// every restart). FNV-1a mixes in each character; murmur3's finaliser spreads the result over all bits.
// Not for security: a SHA-256 per request cost users and countries more CPU than the rest of the request.
export function stableHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
