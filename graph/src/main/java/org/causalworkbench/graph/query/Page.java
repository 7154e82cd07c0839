package org.causalworkbench.graph.query;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: its items, and the cursor that asks for the items after them (null on the
 * last page). Cursors are keys of the list's order, not offsets, so a page is read at the same
 * cost however deep it is and rows added meanwhile do not shift it.
 */
public record Page<T>(List<T> items, String next) {

  /**
   * The page from {@code rows} read with a limit one above {@code limit}: the extra row says
   * there is more, and the last row kept gives the cursor.
   */
  public static <T> Page<T> of(List<T> rows, int limit, Function<T, PageCursor> key) {
    if (rows.size() <= limit) {
      return new Page<>(List.copyOf(rows), null);
    }
    List<T> kept = List.copyOf(rows.subList(0, limit));
    return new Page<>(kept, key.apply(kept.get(limit - 1)).encode());
  }
}
