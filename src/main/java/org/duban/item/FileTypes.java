package org.duban.item;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What an uploaded file really is, from its first bytes rather than from what the phone claims:
 * photos (JPEG, PNG, HEIC, WebP), PDF, and office documents (OOXML, the older OLE formats, which
 * include WPS's own). Anything else is refused.
 */
final class FileTypes {
  private FileTypes() {
  }

  static Optional<String> sniff(byte[] head, String filename) {
    String ext = extension(filename);
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) return Optional.of("image/jpeg");
    if (startsWith(head, 0x89, 'P', 'N', 'G')) return Optional.of("image/png");
    if (startsWith(head, '%', 'P', 'D', 'F')) return Optional.of("application/pdf");
    if (isHeic(head)) return Optional.of("image/heic");
    if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12 && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
      return Optional.of("image/webp");
    }
    if (startsWith(head, 'P', 'K', 0x03, 0x04)) return ooxml(ext);
    if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) return ole(ext);
    return Optional.empty();
  }

  private static Optional<String> ooxml(String ext) {
    return switch (ext) {
      case "docx" -> Optional.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      case "xlsx" -> Optional.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      case "pptx" -> Optional.of("application/vnd.openxmlformats-officedocument.presentationml.presentation");
      default -> Optional.empty();
    };
  }

  private static Optional<String> ole(String ext) {
    return switch (ext) {
      case "doc", "wps" -> Optional.of("application/msword");
      case "xls", "et" -> Optional.of("application/vnd.ms-excel");
      case "ppt", "dps" -> Optional.of("application/vnd.ms-powerpoint");
      default -> Optional.empty();
    };
  }

  private static boolean isHeic(byte[] head) {
    if (head.length < 12 || head[4] != 'f' || head[5] != 't' || head[6] != 'y' || head[7] != 'p') return false;
    String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
    return brand.equals("heic") || brand.equals("heix") || brand.equals("mif1") || brand.equals("heif");
  }

  private static boolean startsWith(byte[] head, int... magic) {
    if (head.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if ((head[i] & 0xFF) != magic[i]) return false;
    return true;
  }

  private static String extension(String filename) {
    int dot = filename.lastIndexOf('.');
    return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
