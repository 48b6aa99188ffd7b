package dev.formgate.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints RS256 admin tokens from a private key: the local stack's stand-in for an organisation's identity provider,
 * and the tests' way to present real, signed tokens. Production tokens come from the identity provider.
 */
public final class AdminTokenIssuer {

	private final PrivateKey key;
	private final String issuer;
	private final String audience;

	public AdminTokenIssuer(PrivateKey key, String issuer, String audience) {
		this.key = key;
		this.issuer = issuer;
		this.audience = audience;
	}

	public static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String pem(PublicKey key) {
		return pem("PUBLIC KEY", key.getEncoded());
	}

	public static String pem(PrivateKey key) {
		return pem("PRIVATE KEY", key.getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	/** A token for {@code subject} with {@code roles}, valid from now for {@code ttl}. */
	public String issue(String subject, Collection<String> roles, Duration ttl) {
		Instant now = Instant.now();
		return sign(new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.subject(subject)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.claim(AdminRoles.CLAIM, List.copyOf(roles))
			.build());
	}

	/** Signs any claims as given: for tests that need a token with a wrong audience, an old expiry and so on. */
	public String sign(JWTClaimsSet claims) {
		try {
			var header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build();
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException e) {
			throw new IllegalStateException("cannot sign admin token", e);
		}
	}
}
