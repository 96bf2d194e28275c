// Photos from the phone's camera are made smaller before they go: at most 1,600 px on the long side,
// as JPEG. The sums and names here are pure; the drawing is in ../resize.js.
export const LONG_SIDE = 1600;
export const JPEG_QUALITY = 0.85;

/** The size a picture is drawn at: the same shape, the long side at most `max`, never enlarged. */
export function fitWithin(width, height, max = LONG_SIDE) {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const scale = max / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Whether a picked file is a photo the phone redraws (camera formats); other files go as they are. */
export function isPhoto(type) {
  return ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/bmp'].includes(type);
}

/** The name of a redrawn photo: its own name with .jpg for its new type; a camera's blank name gets one. */
export function jpegName(name, nowMs) {
  const base = (name || '').replace(/[\\/]/g, '_').replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 190);
  return `${base || `photo-${new Date(nowMs).toISOString().slice(0, 19).replace(/[-:T]/g, '')}`}.jpg`;
}

/** A size in words: "820 KB", "1.4 MB". */
export function fileSize(bytes) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Whether a stored file shows as a picture in the thread: the types every phone browser draws (HEIC not). */
export function showsAsPicture(contentType) {
  return ['image/jpeg', 'image/png', 'image/webp', 'image/gif'].includes((contentType ?? '').split(';')[0].trim().toLowerCase());
}
