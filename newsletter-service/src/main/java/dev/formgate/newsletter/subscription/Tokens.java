package dev.formgate.newsletter.subscription;

import dev.formgate.mail.LinkTokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Link credentials. Confirmation tokens are 256 random bits kept only as a SHA-256 hash ({@link LinkTokens}); unsubscribe credentials are
 * the subscription id signed with HMAC-SHA256, so they live as long as the subscription without being stored.
 */
final class Tokens {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec linkKey;

	Tokens(String linkSecret) {
		this.linkKey = new SecretKeySpec(linkSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	static String newConfirmationToken() {
		return LinkTokens.newToken();
	}

	static String hash(String token) {
		return LinkTokens.hash(token);
	}

	String unsubscribeCredential(String subscriptionId) {
		return subscriptionId + "." + BASE64URL.encodeToString(sign(subscriptionId));
	}

	/** The subscription id if the credential's signature holds, compared in constant time. */
	Optional<String> verifyUnsubscribeCredential(String credential) {
		if (credential == null || credential.length() > 200) {
			return Optional.empty();
		}
		int dot = credential.lastIndexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String id = credential.substring(0, dot);
		byte[] given;
		try {
			given = Base64.getUrlDecoder().decode(credential.substring(dot + 1));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		return MessageDigest.isEqual(sign(id), given) ? Optional.of(id) : Optional.empty();
	}

	private byte[] sign(String subscriptionId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(linkKey);
			return mac.doFinal(("unsubscribe:" + subscriptionId).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
