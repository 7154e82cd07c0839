package org.causalworkbench.ui.auth;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** bcrypt ($2b$, cost 12 by default): slow on purpose, salted per password. */
public final class PasswordHasher {

  /** bcrypt reads at most 72 bytes; longer passwords would be silently cut, so they are refused. */
  public static final int MAX_BYTES = 72;
  public static final int MIN_LENGTH = 8;

  private final SecureRandom random = new SecureRandom();
  private final int cost;

  public PasswordHasher(int cost) {
    this.cost = cost;
  }

  public PasswordHasher() {
    this(12);
  }

  public String hash(char[] password) {
    if (password.length < MIN_LENGTH) {
      throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
    }
    if (new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("a password may have at most " + MAX_BYTES + " bytes (a bcrypt limit)");
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", password, salt, cost);
  }

  public boolean matches(String hash, char[] password) {
    if (hash == null || password.length == 0
        || new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    return OpenBSDBCrypt.checkPassword(hash, password);
  }
}
