package dev.formgate.security;

import org.altcha.altcha.Altcha;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Solves ALTCHA challenges as the widget does, and signs challenges of its own for expiry and forgery tests. */
public final class ProofOfWorkSolver {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProofOfWorkSolver() {
	}

	/** The widget's payload for a challenge JSON as {@code /api/altcha/challenge} returns it. */
	public static String solve(String challengeJson) {
		JsonNode challenge = JSON.readTree(challengeJson);
		return solve(challenge.get("challenge").asString(), challenge.get("salt").asString(),
				challenge.get("signature").asString(), challenge.get("maxnumber").asLong());
	}

	/** A solved challenge signed with {@code hmacKey} that expires at {@code expiresEpochSecond}, for no form. */
	public static String signedAndSolved(String hmacKey, long expiresEpochSecond) {
		return signedAndSolved(hmacKey, expiresEpochSecond, null);
	}

	/** A solved challenge for {@code form} (the gateway's {@code form} parameter) signed with {@code hmacKey}. */
	public static String signedAndSolved(String hmacKey, long expiresEpochSecond, String form) {
		try {
			var options = new Altcha.ChallengeOptions();
			options.algorithm = Altcha.Algorithm.SHA256;
			options.hmacKey = hmacKey;
			options.maxNumber = 1000L;
			options.expires = expiresEpochSecond;
			if (form != null) {
				options.params = new java.util.HashMap<>(java.util.Map.of("form", form));
			}
			var challenge = Altcha.createChallenge(options);
			return solve(challenge.challenge, challenge.salt, challenge.signature, challenge.maxnumber);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static String solve(String challenge, String salt, String signature, long maxNumber) {
		try {
			var solution = Altcha.solveChallenge(challenge, salt, Altcha.Algorithm.SHA256, maxNumber, 0);
			String payload = JSON.writeValueAsString(JSON.createObjectNode().put("algorithm", "SHA-256")
				.put("challenge", challenge).put("number", solution.number).put("salt", salt)
				.put("signature", signature));
			return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
