package dev.formgate.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DKIM signing (RFC 6376) with the operator's RSA key: {@code rsa-sha256}, {@code relaxed/relaxed} canonicalization,
 * over the headers a receiver judges a bulk mail by — among them {@code List-Unsubscribe} and
 * {@code List-Unsubscribe-Post}, which RFC 8058 requires to be signed for one-click unsubscribing. Signs the message as
 * it will be written to the SMTP server, so call it last, after {@code saveChanges()}. Plain Java (JDK only).
 */
public final class DkimSigner {

	/** The headers signed when present, in this order (RFC 6376 §5.4.1 recommends From, Subject, Date, To …). */
	static final List<String> SIGNED = List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
			"Content-Type", "Content-Transfer-Encoding", "Reply-To", "List-Id", "List-Unsubscribe",
			"List-Unsubscribe-Post");

	private static final Pattern WSP_RUN = Pattern.compile("[ \\t]+");
	private static final Pattern FOLD = Pattern.compile("\\r\\n(?=[ \\t])");

	private final String domain;
	private final String selector;
	private final PrivateKey key;
	private final Clock clock;

	DkimSigner(String domain, String selector, PrivateKey key, Clock clock) {
		this.domain = domain;
		this.selector = selector;
		this.key = key;
		this.clock = clock;
	}

	/** A signer with the PKCS#8 key in PEM ({@code -----BEGIN PRIVATE KEY-----}), as {@code openssl genpkey} writes it. */
	static DkimSigner of(String domain, String selector, String privateKeyPem, Clock clock) {
		String base64 = privateKeyPem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
		try {
			PrivateKey key = KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
			return new DkimSigner(domain, selector, key, clock);
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalStateException("formgate.newsletter.mail.dkim.private-key is not an RSA key in PKCS#8 PEM");
		}
	}

	/** Adds the DKIM-Signature header to the message as it stands (saved). */
	public void sign(MimeMessage message) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			String raw = out.toString(StandardCharsets.ISO_8859_1);
			int end = raw.indexOf("\r\n\r\n");
			String headerBlock = end < 0 ? raw : raw.substring(0, end + 2);
			String body = end < 0 ? "" : raw.substring(end + 4);
			byte[] bodyHash = MessageDigest.getInstance("SHA-256")
				.digest(canonicalBody(body).getBytes(StandardCharsets.ISO_8859_1));

			Map<String, List<String>> headers = headers(headerBlock);
			List<String> signed = new ArrayList<>();
			StringBuilder data = new StringBuilder();
			for (String name : SIGNED) {
				List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
				if (values != null && !values.isEmpty()) {
					signed.add(name);
					data.append(canonicalHeader(name, values.getLast())).append("\r\n");
				}
			}
			String value = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; t="
					+ clock.instant().getEpochSecond() + "; h=" + String.join(":", signed).toLowerCase(Locale.ROOT)
					+ "; bh=" + Base64.getEncoder().encodeToString(bodyHash) + "; b=";
			data.append(canonicalHeader("DKIM-Signature", value));
			Signature rsa = Signature.getInstance("SHA256withRSA");
			rsa.initSign(key);
			rsa.update(data.toString().getBytes(StandardCharsets.ISO_8859_1));
			message.addHeader("DKIM-Signature", value + Base64.getEncoder().encodeToString(rsa.sign()));
		}
		catch (IOException | MessagingException | GeneralSecurityException e) {
			throw new IllegalStateException("cannot DKIM-sign a mail", e);
		}
	}

	/** The header fields by lower-case name, each value as written (unfolding happens in canonicalization). */
	private static Map<String, List<String>> headers(String headerBlock) {
		Map<String, List<String>> headers = new HashMap<>();
		for (String field : FOLD.matcher(headerBlock).replaceAll("\u0000").split("\r\n")) {
			int colon = field.indexOf(':');
			if (colon > 0) {
				headers.computeIfAbsent(field.substring(0, colon).strip().toLowerCase(Locale.ROOT),
						k -> new ArrayList<>()).add(field.substring(colon + 1).replace("\u0000", "\r\n"));
			}
		}
		return headers;
	}

	/** RFC 6376 §3.4.2: lower-case name, unfolded, runs of white space as one space, none at the ends. */
	static String canonicalHeader(String name, String value) {
		String unfolded = value.replace("\r\n", "");
		return name.toLowerCase(Locale.ROOT).strip() + ":"
				+ WSP_RUN.matcher(unfolded).replaceAll(" ").replaceAll("^ | $", "");
	}

	/** RFC 6376 §3.4.4: runs of white space as one space, none at line ends, no empty lines at the end. */
	static String canonicalBody(String body) {
		String[] lines = body.split("\r\n", -1);
		int last = lines.length - 1;
		while (last >= 0 && WSP_RUN.matcher(lines[last]).replaceAll("").isEmpty()) {
			last--;
		}
		StringBuilder canonical = new StringBuilder();
		for (int i = 0; i <= last; i++) {
			canonical.append(WSP_RUN.matcher(lines[i]).replaceAll(" ").replaceAll(" $", "")).append("\r\n");
		}
		return canonical.toString();
	}
}
