package dev.formgate.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real signed admin tokens for tests, from one key pair per test JVM, and the forgeries every admin endpoint must
 * refuse. Services point {@code formgate.admin-token.public-key} at {@link #publicKeyLocation()} and use
 * {@link #ISSUER}.
 */
public final class AdminTokenFixture {

	public static final String ISSUER = "formgate-test";
	public static final String AUDIENCE = "formgate";

	private static final KeyPair KEYS = AdminTokenIssuer.newKeyPair();
	private static final AdminTokenIssuer ISSUER_OF_TESTS = new AdminTokenIssuer(KEYS.getPrivate(), ISSUER, AUDIENCE);
	private static final String PUBLIC_KEY_LOCATION = writePublicKey();

	private AdminTokenFixture() {
	}

	public static String publicKeyLocation() {
		return PUBLIC_KEY_LOCATION;
	}

	/** {@code Bearer …} with the given roles, valid for five minutes. */
	public static String bearer(String... roles) {
		return "Bearer " + ISSUER_OF_TESTS.issue("test-admin", List.of(roles), Duration.ofMinutes(5));
	}

	/** Tokens that must get 401 however their roles read: each breaks one check. */
	public static Map<String, String> forgeries(String role) {
		Instant now = Instant.now();
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("signed with another key", new AdminTokenIssuer(AdminTokenIssuer.newKeyPair().getPrivate(), ISSUER,
				AUDIENCE).issue("intruder", List.of(role), Duration.ofMinutes(5)));
		tokens.put("alg none", new PlainJWT(claims(role, now, now.plusSeconds(300), AUDIENCE, ISSUER)).serialize());
		tokens.put("HS256 keyed with the public key", hmacWithPublicKey(claims(role, now, now.plusSeconds(300),
				AUDIENCE, ISSUER)));
		tokens.put("expired", ISSUER_OF_TESTS.sign(claims(role, now.minusSeconds(600), now.minusSeconds(120),
				AUDIENCE, ISSUER)));
		tokens.put("not yet valid", ISSUER_OF_TESTS.sign(new JWTClaimsSet.Builder(claims(role, now,
				now.plusSeconds(900), AUDIENCE, ISSUER)).notBeforeTime(Date.from(now.plusSeconds(600))).build()));
		tokens.put("without expiry", ISSUER_OF_TESTS.sign(new JWTClaimsSet.Builder(claims(role, now, now, AUDIENCE,
				ISSUER)).expirationTime(null).build()));
		tokens.put("wrong audience", ISSUER_OF_TESTS.sign(claims(role, now, now.plusSeconds(300), "another-api",
				ISSUER)));
		tokens.put("wrong issuer", ISSUER_OF_TESTS.sign(claims(role, now, now.plusSeconds(300), AUDIENCE,
				"https://elsewhere.example")));
		tokens.put("roles as a string, not a list", ISSUER_OF_TESTS.sign(new JWTClaimsSet.Builder(claims(role, now,
				now.plusSeconds(300), AUDIENCE, ISSUER)).claim(AdminRoles.CLAIM, role).build()));
		tokens.put("roles as an object", ISSUER_OF_TESTS.sign(new JWTClaimsSet.Builder(claims(role, now,
				now.plusSeconds(300), AUDIENCE, ISSUER)).claim(AdminRoles.CLAIM, Map.of(role, true)).build()));
		tokens.put("a role that is not a string", ISSUER_OF_TESTS.sign(new JWTClaimsSet.Builder(claims(role, now,
				now.plusSeconds(300), AUDIENCE, ISSUER)).claim(AdminRoles.CLAIM, List.of(role, List.of(role))).build()));
		tokens.put("garbage", "not-a-jwt");
		tokens.replaceAll((name, token) -> "Bearer " + token);
		return tokens;
	}

	private static JWTClaimsSet claims(String role, Instant issued, Instant expires, String audience, String issuer) {
		return new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.subject("test-admin")
			.issueTime(Date.from(issued))
			.expirationTime(Date.from(expires))
			.claim(AdminRoles.CLAIM, List.of(role))
			.build();
	}

	private static String hmacWithPublicKey(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(AdminTokenIssuer.pem(KEYS.getPublic()).getBytes()));
			return jwt.serialize();
		}
		catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String writePublicKey() {
		try {
			Path file = Files.createTempFile("formgate-admin-token", ".pub");
			file.toFile().deleteOnExit();
			Files.writeString(file, AdminTokenIssuer.pem(KEYS.getPublic()));
			return file.toUri().toString();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
