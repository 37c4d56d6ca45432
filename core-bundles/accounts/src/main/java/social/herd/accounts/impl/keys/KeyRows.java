package social.herd.accounts.impl.keys;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import social.herd.api.db.DatabaseException;
import social.herd.api.db.Tx;

/**
 * SQL on {@code account_keys} and {@code instance_keys}. Plain JDBC on the transaction's
 * connection: four short statements did not warrant a mapper and its XML.
 */
public final class KeyRows {

    /** What a look-up of an account found: whether it is local, and its key pair if it has one. */
    record Lookup(boolean local, RsaKeys.PemPair keys) {}

    private KeyRows() {}

    /** Stores the key pair of a new local account (same transaction as the account). */
    public static void insertForNewAccount(Tx tx, long accountId, RsaKeys.PemPair keys, Instant now) {
        update(tx, "INSERT INTO account_keys (account_id, public_key_pem, private_key_pem, created_at) VALUES (?, ?, ?, ?)",
                accountId, keys.publicPem(), keys.privatePem(), Timestamp.from(now));
    }

    /** The account (null when unknown) and its key pair (null when it has none yet). */
    static Lookup lookup(Tx tx, long accountId) {
        String sql = "SELECT a.domain IS NULL, k.public_key_pem, k.private_key_pem FROM accounts a"
                + " LEFT JOIN account_keys k ON k.account_id = a.id WHERE a.id = ?";
        try (PreparedStatement s = tx.connection().prepareStatement(sql)) {
            s.setLong(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return null;
                return new Lookup(rs.getBoolean(1), rs.getString(2) == null ? null : new RsaKeys.PemPair(rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading account key failed", e);
        }
    }

    /**
     * Stores a key pair for an older local account unless one is there already (a concurrent
     * caller won); the account must still exist and be local, else nothing is written.
     */
    static void insertIfAbsent(Tx tx, long accountId, RsaKeys.PemPair keys, Instant now) {
        update(tx, "INSERT INTO account_keys (account_id, public_key_pem, private_key_pem, created_at)"
                + " SELECT id, ?, ?, ? FROM accounts WHERE id = ? AND domain IS NULL ON CONFLICT (account_id) DO NOTHING",
                keys.publicPem(), keys.privatePem(), Timestamp.from(now), accountId);
    }

    /** The instance actor's key pair, null before the first use. */
    static RsaKeys.PemPair instance(Tx tx) {
        try (PreparedStatement s = tx.connection().prepareStatement(
                "SELECT public_key_pem, private_key_pem FROM instance_keys WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? new RsaKeys.PemPair(rs.getString(1), rs.getString(2)) : null;
        } catch (SQLException e) {
            throw new DatabaseException("reading instance key failed", e);
        }
    }

    /** Stores the instance key pair unless another caller (maybe on another node) did first. */
    static void insertInstanceIfAbsent(Tx tx, RsaKeys.PemPair keys, Instant now) {
        update(tx, "INSERT INTO instance_keys (public_key_pem, private_key_pem, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING",
                keys.publicPem(), keys.privatePem(), Timestamp.from(now));
    }

    private static void update(Tx tx, String sql, Object... parameters) {
        try (PreparedStatement s = tx.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) s.setObject(i + 1, parameters[i]);
            s.executeUpdate();
        } catch (SQLException e) {
            // the statement's parameters are not in the message: they include the private key
            throw new DatabaseException("writing key failed: " + e.getSQLState(), e);
        }
    }
}
