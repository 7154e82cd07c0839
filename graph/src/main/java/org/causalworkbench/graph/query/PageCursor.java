package org.causalworkbench.graph.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The sort key of the last row of a page, as an opaque URL-safe string: the list it came from
 * (so a cursor of one list is refused by another) and the key's values as text.
 */
public record PageCursor(String list, List<String> key) {

  public static PageCursor of(String list, Object... key) {
    return new PageCursor(list, java.util.Arrays.stream(key).map(String::valueOf).toList());
  }

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((list + "\n" + String.join("\n", key))
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor of {@code list} with {@code size} key values, or null for none.
   *
   * @throws IllegalArgumentException if it is not one this list gave out
   */
  public static PageCursor decode(String cursor, String list, int size) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor '" + cursor + "' is not one this API gave out; pass the 'next'"
          + " of the previous page as it came");
    }
    String[] parts = text.split("\n", -1);
    if (parts.length != size + 1 || !parts[0].equals(list)) {
      throw new IllegalArgumentException("cursor '" + cursor + "' is not a cursor of " + list + "; pass the 'next'"
          + " of the previous page of the same list");
    }
    return new PageCursor(list, List.of(parts).subList(1, parts.length));
  }

  public String text(int i) {
    return key.get(i);
  }

  public long number(int i) {
    return Long.parseLong(key.get(i));
  }

  public double real(int i) {
    return Double.parseDouble(key.get(i));
  }
}
