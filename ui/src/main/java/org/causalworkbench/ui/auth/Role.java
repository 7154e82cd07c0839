package org.causalworkbench.ui.auth;

import java.util.Locale;

/** What an account may do: analysts read and review; admins also manage accounts. */
public enum Role {
  ANALYST,
  ADMIN;

  public boolean allows(Role needed) {
    return needed == null || this == ADMIN || needed == ANALYST;
  }

  @com.fasterxml.jackson.annotation.JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + text + "': analyst or admin");
    }
  }
}
