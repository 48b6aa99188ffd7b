package dev.formgate.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets in mailed links (a confirmation, a self-service request's verification): 256 random bits, base64url,
 * of which the store keeps only the SHA-256 hash, so that a copy of the database opens no link.
 */
public final class LinkTokens {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private LinkTokens() {
	}

	/** A fresh secret for one link. */
	public static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return BASE64URL.encodeToString(bytes);
	}

	/** What the store keeps of a token: its SHA-256, hex. */
	public static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Whether the token's hash is the stored one, compared in constant time. */
	public static boolean matches(String token, String storedHash) {
		return token != null && storedHash != null && MessageDigest.isEqual(
				hash(token).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
	}
}
