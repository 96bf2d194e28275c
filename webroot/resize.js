// Draws a photo again at most 1,600 px on its long side as a JPEG (about 0.85), on the phone, so a
// 12-megapixel picture goes as a few hundred kilobytes. The sizes come from logic/photo.js.
import { fitWithin, isPhoto, jpegName, JPEG_QUALITY } from './logic/photo.js';

/** A picked file ready for the queue: { name, type, blob, size }. Photos redrawn; other files as they are. */
export async function prepare(file, nowMs) {
  if (!isPhoto(file.type)) return { name: file.name, type: file.type || 'application/octet-stream', blob: file, size: file.size };
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // a format this browser cannot draw (HEIC on some phones): sent as it is, the server checks the type
    return { name: file.name, type: file.type, blob: file, size: file.size };
  }
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff'; // a transparent PNG gets a white ground, not black, as JPEG has no transparency
  g.fillRect(0, 0, width, height);
  g.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  return { name: jpegName(file.name, nowMs), type: 'image/jpeg', blob, size: blob.size };
}
