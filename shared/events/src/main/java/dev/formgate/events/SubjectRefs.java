package dev.formgate.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;

/**
 * Derives {@link SubjectRef}s from e-mail addresses with the pepper shared by all services, so that every service
 * names the same person the same way without any of them putting the address on the wire.
 */
public final class SubjectRefs {

	private static final int MIN_PEPPER_BYTES = 32;

	private static final String COMMENT_PREFIX = "comment:";

	private final SecretKeySpec key;

	public SubjectRefs(String pepper) {
		byte[] bytes = pepper == null ? new byte[0] : pepper.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_PEPPER_BYTES) {
			throw new IllegalArgumentException("the pepper must have at least " + MIN_PEPPER_BYTES + " bytes");
		}
		this.key = new SecretKeySpec(bytes, "HmacSHA256");
	}

	public SubjectRef of(String email) {
		return hmac(normalise(email));
	}

	/**
	 * The reference of the author of one comment, for an author who gave no address (docs/privacy.md, "Requests by
	 * comment id"): HMAC of {@code comment:} and the comment id. A normalised address always holds an {@code @} and
	 * a comment id never does, so no address and no comment share a reference.
	 *
	 * @param commentId a comment id (a UUID in its canonical form)
	 */
	public SubjectRef ofComment(String commentId) {
		if (commentId == null || commentId.isEmpty() || commentId.indexOf('@') >= 0) {
			throw new IllegalArgumentException("not a comment id");
		}
		return hmac(COMMENT_PREFIX + commentId);
	}

	private SubjectRef hmac(String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			byte[] digest = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
			return new SubjectRef(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}

	/**
	 * The form of an address that all services agree on: trimmed, Unicode NFC, lower case. Lower-casing the local
	 * part is not strictly RFC 5321, but no mailbox provider distinguishes case and a subject must not escape erasure
	 * by typing a capital letter.
	 */
	public static String normalise(String email) {
		return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
	}
}
