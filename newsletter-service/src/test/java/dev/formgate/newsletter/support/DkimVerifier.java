package dev.formgate.newsletter.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A receiver's check of a DKIM signature (RFC 6376 §6: rsa-sha256, relaxed/relaxed) on a mail's raw bytes, written
 * apart from the signer, the way a receiving mail server reads it: the body hash first, then the signature over the
 * signed header fields, each taken from the bottom. Returns why it fails, or null if the signature holds.
 */
public final class DkimVerifier {

	private DkimVerifier() {
	}

	/** Null if the mail's DKIM-Signature verifies with the key, else the reason. */
	public static String failure(byte[] raw, PublicKey key) {
		String mail = new String(raw, StandardCharsets.ISO_8859_1);
		int split = mail.indexOf("\r\n\r\n");
		List<String[]> fields = fields(mail.substring(0, split + 2));
		String body = mail.substring(split + 4);
		String[] signature = null;
		for (String[] field : fields) {
			if (field[0].equalsIgnoreCase("DKIM-Signature")) {
				signature = field;
			}
		}
		if (signature == null) {
			return "no DKIM-Signature";
		}
		Map<String, String> tags = tags(signature[1]);
		if (!"rsa-sha256".equals(tags.get("a")) || !"relaxed/relaxed".equals(tags.get("c"))) {
			return "not rsa-sha256 relaxed/relaxed: " + tags;
		}
		try {
			String bodyHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
				.digest(relaxedBody(body).getBytes(StandardCharsets.ISO_8859_1)));
			if (!bodyHash.equals(tags.get("bh"))) {
				return "body hash differs";
			}
			StringBuilder signed = new StringBuilder();
			Map<String, Integer> used = new HashMap<>();
			for (String name : tags.get("h").split(":")) {
				String wanted = name.strip().toLowerCase(Locale.ROOT);
				int skip = used.merge(wanted, 1, Integer::sum);
				String[] field = nthFromBottom(fields, wanted, skip);
				if (field != null) {
					signed.append(relaxedHeader(field[0], field[1])).append("\r\n");
				}
			}
			String withoutB = signature[1].replaceAll("(^|;)([ \\t\\r\\n]*b[ \\t\\r\\n]*=)[^;]*", "$1$2");
			signed.append(relaxedHeader(signature[0], withoutB));
			Signature rsa = Signature.getInstance("SHA256withRSA");
			rsa.initVerify(key);
			rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
			return rsa.verify(Base64.getDecoder().decode(tags.get("b"))) ? null : "signature does not verify";
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			return e.toString();
		}
	}

	private static List<String[]> fields(String block) {
		List<String[]> fields = new ArrayList<>();
		StringBuilder current = null;
		for (String line : block.split("\r\n")) {
			if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
				current.append("\r\n").append(line);
				continue;
			}
			if (current != null) {
				fields.add(field(current.toString()));
			}
			current = line.isEmpty() ? null : new StringBuilder(line);
		}
		if (current != null) {
			fields.add(field(current.toString()));
		}
		return fields;
	}

	private static String[] field(String text) {
		int colon = text.indexOf(':');
		return new String[] { text.substring(0, colon), text.substring(colon + 1) };
	}

	private static String[] nthFromBottom(List<String[]> fields, String name, int n) {
		int seen = 0;
		for (int i = fields.size() - 1; i >= 0; i--) {
			if (fields.get(i)[0].strip().equalsIgnoreCase(name) && ++seen == n) {
				return fields.get(i);
			}
		}
		return null;
	}

	private static Map<String, String> tags(String value) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (String tag : value.split(";")) {
			int eq = tag.indexOf('=');
			if (eq > 0) {
				tags.put(tag.substring(0, eq).strip(), tag.substring(eq + 1).replaceAll("[ \\t\\r\\n]", ""));
			}
		}
		return tags;
	}

	private static String relaxedHeader(String name, String value) {
		StringBuilder out = new StringBuilder(name.strip().toLowerCase(Locale.ROOT)).append(':');
		boolean space = false;
		boolean started = false;
		for (char c : value.replace("\r\n", "").toCharArray()) {
			if (c == ' ' || c == '\t') {
				space = true;
				continue;
			}
			if (space && started) {
				out.append(' ');
			}
			space = false;
			started = true;
			out.append(c);
		}
		return out.toString();
	}

	private static String relaxedBody(String body) {
		List<String> lines = new ArrayList<>();
		for (String line : body.split("\r\n", -1)) {
			StringBuilder out = new StringBuilder();
			boolean space = false;
			for (char c : line.toCharArray()) {
				if (c == ' ' || c == '\t') {
					space = true;
					continue;
				}
				if (space) {
					out.append(' ');
				}
				space = false;
				out.append(c);
			}
			lines.add(out.toString());
		}
		while (!lines.isEmpty() && lines.getLast().isEmpty()) {
			lines.removeLast();
		}
		StringBuilder canonical = new StringBuilder();
		lines.forEach(line -> canonical.append(line).append("\r\n"));
		return canonical.toString();
	}
}
