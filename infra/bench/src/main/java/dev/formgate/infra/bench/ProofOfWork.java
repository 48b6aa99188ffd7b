package dev.formgate.infra.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Solves ALTCHA challenges (SHA-256) as the demo page's widget does: the number whose hash with the salt is the
 * challenge, sent back with the server's signature. The gateway's cost of checking does not depend on the difficulty.
 */
final class ProofOfWork {

	private static final Pattern FIELD = Pattern.compile("\"(challenge|salt|signature|maxnumber)\"\\s*:\\s*\"?([^\",}]*)\"?");

	private ProofOfWork() {
	}

	/** The {@code Altcha} header value for a challenge as {@code /api/altcha/challenge} returns it. */
	static String solve(HttpResponse<String> challengeResponse) {
		if (challengeResponse.statusCode() != 200) {
			throw new IllegalStateException("challenge request answered " + challengeResponse.statusCode());
		}
		String challenge = null;
		String salt = null;
		String signature = null;
		long maxNumber = 1_000_000;
		Matcher m = FIELD.matcher(challengeResponse.body());
		while (m.find()) {
			switch (m.group(1)) {
				case "challenge" -> challenge = m.group(2);
				case "salt" -> salt = m.group(2);
				case "signature" -> signature = m.group(2);
				default -> maxNumber = Long.parseLong(m.group(2).strip());
			}
		}
		if (challenge == null || salt == null || signature == null) {
			throw new IllegalStateException("unexpected challenge: " + challengeResponse.body());
		}
		long number = solve(challenge, salt, maxNumber);
		String payload = "{\"algorithm\":\"SHA-256\",\"challenge\":\"" + challenge + "\",\"number\":" + number
				+ ",\"salt\":\"" + salt + "\",\"signature\":\"" + signature + "\"}";
		return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
	}

	private static long solve(String challenge, String salt, long maxNumber) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			byte[] wanted = HexFormat.of().parseHex(challenge);
			for (long n = 0; n <= maxNumber; n++) {
				if (MessageDigest.isEqual(wanted, sha256.digest((salt + n).getBytes(StandardCharsets.UTF_8)))) {
					return n;
				}
			}
			throw new IllegalStateException("no solution up to " + maxNumber);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
