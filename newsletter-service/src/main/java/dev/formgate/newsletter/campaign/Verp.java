package dev.formgate.newsletter.campaign;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-recipient token of a campaign mail: which subscription got which campaign, signed, in 48 lower-case base32
 * characters and without any address in clear. It is the local part's tag of the return path
 * ({@code bounces+<token>@domain}, VERP: a bounce comes back to it) and the mail's Message-ID
 * ({@code <token@domain>}, the same on every attempt, so a mail a crash sent twice is recognisable, and a complaint
 * that quotes the mail's headers names it). A forged token fails its 48-bit signature. Plain Java.
 */
final class Verp {

	/** Which subscription got which campaign. */
	record Handle(String subscriptionId, String campaignId) {
	}

	static final int LENGTH = 48;
	private static final Pattern CANDIDATE = Pattern.compile("(?<![a-z2-7])[a-z2-7]{" + LENGTH + "}(?![a-z2-7])",
			Pattern.CASE_INSENSITIVE);
	private static final int MAC_BYTES = 6;

	private final SecretKeySpec key;

	Verp(byte[] secret) {
		this.key = new SecretKeySpec(mac(new SecretKeySpec(secret, "HmacSHA256"), "campaign-recipient".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				"HmacSHA256");
	}

	/** The token of this subscription (a UUID) and campaign (8 bytes in base32). */
	String token(String subscriptionId, String campaignId) {
		UUID subscription = UUID.fromString(subscriptionId);
		byte[] campaign = Base32.decode(campaignId);
		if (campaign == null || campaign.length != 8) {
			throw new IllegalArgumentException("not a campaign id");
		}
		ByteBuffer data = ByteBuffer.allocate(24 + MAC_BYTES);
		data.putLong(subscription.getMostSignificantBits()).putLong(subscription.getLeastSignificantBits()).put(campaign);
		data.put(Arrays.copyOf(mac(key, Arrays.copyOf(data.array(), 24)), MAC_BYTES));
		return Base32.encode(data.array());
	}

	/** What a token names, if its signature holds. */
	Optional<Handle> parse(String token) {
		byte[] data = token == null || token.length() != LENGTH ? null : Base32.decode(token);
		if (data == null || data.length != 24 + MAC_BYTES) {
			return Optional.empty();
		}
		byte[] expected = Arrays.copyOf(mac(key, Arrays.copyOf(data, 24)), MAC_BYTES);
		if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, 24, 24 + MAC_BYTES))) {
			return Optional.empty();
		}
		ByteBuffer buffer = ByteBuffer.wrap(data);
		UUID subscription = new UUID(buffer.getLong(), buffer.getLong());
		return Optional.of(new Handle(subscription.toString(), Base32.encode(Arrays.copyOfRange(data, 16, 24))));
	}

	/** The first genuine token anywhere in a text (a bounce's addresses and quoted headers). */
	Optional<Handle> find(String text) {
		if (text == null) {
			return Optional.empty();
		}
		Matcher candidates = CANDIDATE.matcher(text);
		while (candidates.find()) {
			Optional<Handle> handle = parse(candidates.group().toLowerCase(java.util.Locale.ROOT));
			if (handle.isPresent()) {
				return handle;
			}
		}
		return Optional.empty();
	}

	private static byte[] mac(SecretKeySpec key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
