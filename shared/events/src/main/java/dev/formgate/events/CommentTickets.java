package dev.formgate.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tickets for a comment author's rights (docs/privacy.md, "The author's private link"): comment-service issues one
 * after it checked the comment's private link, for one request type on one comment and for a short time;
 * erasure-service's self-service redeems it and files the request as verified by possession of the link. The private
 * link's secret is never in a ticket; a ticket is an HMAC under a key derived from the transport key, so only the
 * services holding that key can issue or check one. Form: {@code v1.<comment id>.<type>.<expiry, epoch seconds>.<mac>}.
 */
public final class CommentTickets {

	/** Longer than any ticket this class issues; anything longer is not looked at. */
	public static final int MAX_LENGTH = 200;

	private static final String VERSION = "v1";
	private static final Pattern TYPE = Pattern.compile("[A-Z_]{1,24}");
	private static final Pattern EPOCH = Pattern.compile("[0-9]{1,12}");
	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	public CommentTickets(byte[] transportKey) {
		if (transportKey == null || transportKey.length < 32) {
			throw new IllegalArgumentException("the transport key must have at least 32 bytes");
		}
		this.key = new SecretKeySpec(mac(new SecretKeySpec(transportKey, "HmacSHA256"), "formgate comment ticket v1"),
				"HmacSHA256");
	}

	/** What a valid ticket allows: one request of this type about this comment. */
	public record Ticket(String commentId, String type, Instant expiresAt) {
	}

	/**
	 * @param commentId the comment, a UUID in its canonical form
	 * @param type the request type's name, upper case
	 */
	public String issue(String commentId, String type, Instant expiresAt) {
		if (!CommentId.isWellFormed(commentId) || !TYPE.matcher(type).matches()) {
			throw new IllegalArgumentException("not a comment id or request type");
		}
		String payload = VERSION + "." + commentId + "." + type + "." + expiresAt.getEpochSecond();
		return payload + "." + BASE64URL.encodeToString(mac(key, payload));
	}

	/** The ticket's content if it is one this key issued and it has not expired; empty for anything else. */
	public Optional<Ticket> redeem(String ticket, Instant now) {
		if (ticket == null || ticket.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		String[] parts = ticket.split("\\.", -1);
		if (parts.length != 5 || !VERSION.equals(parts[0]) || !CommentId.isWellFormed(parts[1])
				|| !TYPE.matcher(parts[2]).matches() || !EPOCH.matcher(parts[3]).matches()) {
			return Optional.empty();
		}
		String payload = ticket.substring(0, ticket.lastIndexOf('.'));
		byte[] expected = BASE64URL.encodeToString(mac(key, payload)).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
		return now.isBefore(expiresAt) ? Optional.of(new Ticket(parts[1], parts[2], expiresAt)) : Optional.empty();
	}

	/**
	 * A secret derived from a ticket, the same for every redemption of it: a redeemed ticket redeemed again leads to
	 * the same request and the same status link instead of a second request.
	 */
	public String derivedSecret(String ticket, String purpose) {
		return BASE64URL.encodeToString(mac(key, purpose + "\n" + ticket));
	}

	private static byte[] mac(SecretKeySpec key, String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}
}
