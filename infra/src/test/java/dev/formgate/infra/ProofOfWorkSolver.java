package dev.formgate.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does what the ALTCHA widget does in a visitor's browser: finds the number whose SHA-256 with the salt is the
 * challenge, and returns the payload the form sends as {@code altcha}.
 */
final class ProofOfWorkSolver {

	private ProofOfWorkSolver() {
	}

	/** The payload for a challenge as {@code GET /api/altcha/challenge} returns it. */
	static String solve(String challengeJson) throws NoSuchAlgorithmException {
		String challenge = field(challengeJson, "challenge");
		String salt = field(challengeJson, "salt");
		long max = Long.parseLong(field(challengeJson, "maxnumber"));
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		for (long number = 0; number <= max; number++) {
			String hash = HexFormat.of().formatHex(sha256.digest((salt + number).getBytes(StandardCharsets.UTF_8)));
			if (hash.equals(challenge)) {
				String payload = "{\"algorithm\":\"SHA-256\",\"challenge\":\"" + challenge + "\",\"number\":" + number
						+ ",\"salt\":\"" + salt + "\",\"signature\":\"" + field(challengeJson, "signature") + "\"}";
				return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
			}
		}
		throw new IllegalStateException("challenge has no solution up to " + max);
	}

	private static String field(String json, String name) {
		Matcher value = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
		if (!value.find()) {
			throw new IllegalArgumentException("no " + name + " in challenge");
		}
		return value.group(1);
	}
}
