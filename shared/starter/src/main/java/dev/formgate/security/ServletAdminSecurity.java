package dev.formgate.security;

import dev.formgate.web.Problem;
import dev.formgate.web.ProblemType;
import dev.formgate.web.Problems;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.util.List;

/**
 * Each servlet service checks admin tokens itself (no trust in the network): {@code /api/admin/**} needs a valid
 * token, and each admin endpoint names its role with {@code @PreAuthorize}. Everything else is public and does not
 * pass through Spring Security; no session, no cookie, no CSRF token (nothing is authenticated by a cookie).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AdminTokenProperties.class)
@EnableMethodSecurity
public class ServletAdminSecurity {

	@Bean
	JwtDecoder adminTokenDecoder(AdminTokenProperties properties) {
		var algorithms = AdminTokenChecks.algorithms(properties);
		NimbusJwtDecoder decoder = properties.publicKey() != null
				? NimbusJwtDecoder.withPublicKey(AdminTokenChecks.publicKey(properties))
					.signatureAlgorithm(algorithms[0])
					.build()
				: NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
					.jwsAlgorithms(accepted -> accepted.addAll(List.of(algorithms)))
					.build();
		decoder.setJwtValidator(AdminTokenChecks.validator(properties));
		return decoder;
	}

	@Bean
	SecurityFilterChain adminSecurity(HttpSecurity http) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, e) -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"formgate-admin\"");
			Problems.write(request, response, Problem.of(ProblemType.UNAUTHORIZED));
		};
		AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(request, response,
				Problem.of(ProblemType.FORBIDDEN));
		return http
			// Only the admin API and actuator (health details for a token) pass through this chain: every other path
			// is public, and a public page paid for a security context, an anonymous authentication and a wrapped
			// response for nothing (BENCHMARKS.md, profile). The firewall still sees every request. The matcher reads
			// the path as the handler mapping does (decoded segments, case as sent), and only canonical paths get
			// this far (CanonicalPathFilter runs first), so no spelling of an admin path reaches its handler unchecked.
			.securityMatcher("/api/admin/**", "/actuator/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers("/api/admin/**").authenticated()
				.anyRequest().permitAll())
			.oauth2ResourceServer(server -> server
				.jwt(jwt -> jwt.jwtAuthenticationConverter(AdminTokenChecks.authentication()))
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			// The security headers of every answer, public ones included, are written once before this chain
			// (dev.formgate.web.SecurityHeaders).
			.headers(headers -> headers.disable())
			.build();
	}
}
