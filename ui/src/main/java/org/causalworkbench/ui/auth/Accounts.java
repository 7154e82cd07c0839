package org.causalworkbench.ui.auth;

import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.query.PageCursor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.causalworkbench.graph.store.NotFoundException;
import org.causalworkbench.graph.store.StoreException;

/**
 * Local accounts (bcrypt-hashed passwords) and API tokens (kept only as SHA-256 digests) in the
 * graph database, so every server on the same database knows the same people.
 */
public final class Accounts {

  /** A listed account. */
  public record Entry(String name, Role role, boolean canSignIn, boolean disabled, java.time.Instant createdAt) {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final String TOKEN_PREFIX = "wbt_";

  private final DataSource dataSource;
  private final PasswordHasher hasher;
  private final SecureRandom random = new SecureRandom();
  // Compared against when the name is unknown, so a wrong name costs what a wrong password costs.
  private volatile String decoy;

  public Accounts(DataSource dataSource, PasswordHasher hasher) {
    this.dataSource = dataSource;
    this.hasher = hasher;
  }

  public Accounts(DataSource dataSource) {
    this(dataSource, new PasswordHasher());
  }

  /** Adds an account that signs in with {@code password}; fails if the name is taken. */
  public Account add(String name, Role role, char[] password) {
    checkName(name);
    String hash = hasher.hash(password);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "INSERT INTO accounts (name, role, password_hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, name);
      s.setString(2, role.id());
      s.setString(3, hash);
      if (s.executeUpdate() == 0) {
        throw new DuplicateNameException("account '" + name + "' exists already; choose another name");
      }
      return new Account(name, role);
    } catch (SQLException e) {
      throw new StoreException("cannot add account " + name, e);
    }
  }

  /** Replaces the password of an existing account; sessions signed in with the old one end. */
  public void setPassword(String name, char[] password) {
    String hash = hasher.hash(password);
    if (update("UPDATE accounts SET password_hash = ?, password_at = clock_timestamp() WHERE name = ?", hash,
        name) == 0) {
      throw new NotFoundException("no account '" + name + "'");
    }
  }

  /** Disabled accounts can neither sign in nor use their tokens or sessions; their reviews stay. */
  public void setDisabled(String name, boolean disabled) {
    if (update("UPDATE accounts SET disabled = ? WHERE name = ?", disabled, name) == 0) {
      throw new NotFoundException("no account '" + name + "'");
    }
  }

  /**
   * When the account's password last changed, if the account exists and is enabled: a session is
   * valid while this is what it was at sign-in.
   */
  public Optional<java.time.Instant> credentialsSince(String name) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT password_at FROM accounts WHERE name = ? AND NOT disabled")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot check account " + name, e);
    }
  }

  /** The account if the password is right and the account is enabled. */
  public Optional<Account> verify(String name, char[] password) {
    String hash = null;
    Role role = null;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT password_hash, role FROM accounts WHERE name = ? AND NOT disabled")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          hash = rs.getString(1);
          role = Role.parse(rs.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot check account " + name, e);
    }
    boolean ok = hasher.matches(hash != null ? hash : decoy(), password);
    return ok && hash != null ? Optional.of(new Account(name, role)) : Optional.empty();
  }

  /** Made on first need: commands that never check a password do not pay for a bcrypt hash. */
  private String decoy() {
    if (decoy == null) {
      decoy = hasher.hash("decoy-password".toCharArray());
    }
    return decoy;
  }

  public List<Entry> list() {
    return page(Integer.MAX_VALUE - 1, null).items();
  }

  private static final String LIST = "accounts";

  /** A page of the accounts by name, from after {@code cursor} (a previous page's {@code next}). */
  public Page<Entry> page(int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor, LIST, 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT name, role, password_hash IS NOT NULL, disabled, created_at FROM accounts"
                + " WHERE (?::text IS NULL OR name > ?) ORDER BY name LIMIT ?")) {
      String last = after == null ? null : after.text(0);
      s.setString(1, last);
      s.setString(2, last);
      s.setInt(3, limit + 1);
      List<Entry> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Entry(rs.getString(1), Role.parse(rs.getString(2)), rs.getBoolean(3), rs.getBoolean(4),
              rs.getTimestamp(5).toInstant()));
        }
      }
      return Page.of(out, limit, e -> PageCursor.of(LIST, e.name()));
    } catch (SQLException e) {
      throw new StoreException("cannot list accounts", e);
    }
  }

  public boolean isEmpty() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM accounts)");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new StoreException("cannot count accounts", e);
    }
  }

  /**
   * Creates a token named {@code name} acting as {@code account}, which must exist. Returns the
   * token: it is not stored and cannot be shown again.
   */
  public String createToken(String name, String account) {
    return createToken(name, account, null);
  }

  /**
   * Creates a token named {@code name} with a token-only account of the same name and {@code role}
   * (which must not exist yet). Returns the token, shown only now.
   */
  public String createServiceToken(String name, Role role) {
    return createToken(name, name, role);
  }

  private String createToken(String name, String account, Role newAccountRole) {
    checkName(name);
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (newAccountRole != null) {
          try (PreparedStatement s = c.prepareStatement(
              "INSERT INTO accounts (name, role) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, account);
            s.setString(2, newAccountRole.id());
            if (s.executeUpdate() == 0) {
              throw new DuplicateNameException("an account named '" + account + "' exists already; give the token"
                  + " another name, or let it act as that account with --account " + account);
            }
          }
        } else {
          try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM accounts WHERE name = ?")) {
            s.setString(1, account);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("no account '" + account + "' (see ./workbench user list)");
              }
            }
          }
        }
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO api_tokens (digest, name, account) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
          s.setString(1, digest(token));
          s.setString(2, name);
          s.setString(3, account);
          if (s.executeUpdate() == 0) {
            throw new DuplicateNameException("a token named '" + name + "' exists already; revoke it or choose"
                + " another name");
          }
        }
        c.commit();
        return token;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot create token " + name, e);
    }
  }

  public boolean revokeToken(String name) {
    return update("DELETE FROM api_tokens WHERE name = ?", name) > 0;
  }

  /** The account a bearer token acts as, if the token is known and its account enabled. */
  public Optional<Account> byToken(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE api_tokens t SET last_used = now() FROM accounts a"
            + " WHERE t.digest = ? AND a.name = t.account AND NOT a.disabled RETURNING a.name, a.role")) {
      s.setString(1, digest(token));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new Account(rs.getString(1), Role.parse(rs.getString(2)))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot check a token", e);
    }
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot change accounts", e);
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a usable name: letters, digits and . _ @ -,"
          + " at most 64, starting with a letter or digit");
    }
  }

  private static String digest(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
