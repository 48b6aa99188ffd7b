package dev.formgate.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The checks every admin token passes, shared by the servlet services and the reactive gateway. */
public final class AdminTokenChecks {

	static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256",
			"PS384", "PS512");

	private AdminTokenChecks() {
	}

	/**
	 * {@code exp} present and not passed, {@code nbf} reached, issuer and audience as configured, and the roles, if
	 * any, a JSON array of strings: a single string is not read as a one-role list.
	 */
	public static OAuth2TokenValidator<Jwt> validator(AdminTokenProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(List.of(new JwtTimestampValidator(properties.clockSkew()),
				new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtIssuerValidator(properties.issuer()),
				new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
						aud -> aud != null && aud.contains(properties.audience())),
				new JwtClaimValidator<>(AdminRoles.CLAIM, AdminTokenChecks::isAbsentOrListOfStrings)));
	}

	static boolean isAbsentOrListOfStrings(Object roles) {
		return roles == null || roles instanceof Collection<?> list && list.stream().allMatch(String.class::isInstance);
	}

	public static SignatureAlgorithm[] algorithms(AdminTokenProperties properties) {
		return properties.algorithms().stream().map(SignatureAlgorithm::from).toArray(SignatureAlgorithm[]::new);
	}

	public static RSAPublicKey publicKey(AdminTokenProperties properties) {
		try (InputStream in = properties.publicKey().getInputStream()) {
			return RsaKeyConverters.x509().convert(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read formgate.admin-token.public-key", e);
		}
	}

	/** Authorities are the token's known roles, verbatim; unknown roles grant nothing. */
	public static Converter<Jwt, AbstractAuthenticationToken> authentication() {
		return jwt -> {
			List<String> roles = jwt.getClaimAsStringList(AdminRoles.CLAIM);
			var authorities = (roles == null ? List.<String>of() : roles).stream()
				.filter(AdminRoles.ALL::contains)
				.map(SimpleGrantedAuthority::new)
				.toList();
			return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
		};
	}
}
