package dev.formgate.gateway.security;

import dev.formgate.gateway.errors.Catalogue;
import dev.formgate.gateway.errors.Problems;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenChecks;
import dev.formgate.security.AdminTokenProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import java.util.List;

/**
 * The gateway checks admin tokens before routing, and the service checks them again (no trust in the network). Each
 * admin route needs its role. No session, no cookie: nothing here is authenticated by a cookie, so there is no CSRF
 * token either.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AdminTokenProperties.class, SecurityProperties.class })
class GatewaySecurity {

	/** The paths this chain guards: the admin API and actuator. */
	static final String[] ADMIN_AND_ACTUATOR = { "/api/admin/**", "/actuator", "/actuator/**" };

	@Bean
	ReactiveJwtDecoder adminTokenDecoder(AdminTokenProperties properties) {
		var algorithms = AdminTokenChecks.algorithms(properties);
		NimbusReactiveJwtDecoder decoder = properties.publicKey() != null
				? NimbusReactiveJwtDecoder.withPublicKey(AdminTokenChecks.publicKey(properties))
					.signatureAlgorithm(algorithms[0])
					.build()
				: NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
					.jwsAlgorithms(accepted -> accepted.addAll(List.of(algorithms)))
					.build();
		decoder.setJwtValidator(AdminTokenChecks.validator(properties));
		return decoder;
	}

	/** Requests Spring Security's firewall refuses (a header it does not accept, say) get a problem too. */
	@Bean
	ServerExchangeRejectedHandler firewallRefusals() {
		return (exchange, e) -> Problems.write(exchange, Catalogue.BAD_REQUEST);
	}

	@Bean
	SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http) {
		ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> Problems.write(exchange,
				Catalogue.UNAUTHORIZED);
		ServerAccessDeniedHandler forbidden = (exchange, e) -> Problems.write(exchange, Catalogue.FORBIDDEN);
		return http
			// Only the paths that need a token or a role pass through this chain: every other path is public, and
			// walking a dozen matchers to reach permitAll, with an anonymous authentication and a security context
			// for each public request, was work for nothing (BENCHMARKS.md, profile). The firewall still sees every
			// request. The matchers read the canonical path (CanonicalPathFilter refused every other spelling), the
			// one the router matches.
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers(ADMIN_AND_ACTUATOR))
			.authorizeExchange(exchanges -> exchanges
				// First, as probes come often (no admin path is an actuator path): probes and a status line for
				// everyone; metrics (and health details) only for an admin token.
				.pathMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
						"/actuator/info")
				.permitAll()
				.pathMatchers("/actuator/**").hasAuthority(AdminRoles.PRIVACY_ADMIN)
				// Before the services' own prefixes: dead letters and the accountability figures are the privacy office's.
				.pathMatchers("/api/admin/newsletter/dead-letters/**", "/api/admin/contact/dead-letters/**",
						"/api/admin/comment/dead-letters/**", "/api/admin/privacy/dead-letters/**",
						"/api/admin/activity/**")
				.hasAuthority(AdminRoles.PRIVACY_ADMIN)
				// A comment's evidence and its legal hold are the privacy office's, moderation the moderators'.
				.pathMatchers("/api/admin/comments/*/evidence", "/api/admin/comments/*/legal-hold",
						"/api/admin/comments/legal-holds")
				.hasAuthority(AdminRoles.PRIVACY_ADMIN)
				.pathMatchers("/api/admin/comments/**").hasAuthority(AdminRoles.COMMENT_MODERATOR)
				.pathMatchers("/api/admin/newsletter/**").hasAuthority(AdminRoles.NEWSLETTER_EDITOR)
				.pathMatchers("/api/admin/contact-requests/**").hasAuthority(AdminRoles.CONTACT_AGENT)
				.pathMatchers("/api/admin/privacy-requests/**", "/api/admin/inventory/**")
				.hasAuthority(AdminRoles.PRIVACY_ADMIN)
				.pathMatchers("/api/admin/**").denyAll()
				.pathMatchers(HttpMethod.OPTIONS, "/api/admin/**").denyAll()
				.anyExchange().denyAll())
			.oauth2ResourceServer(server -> server
				.jwt(jwt -> jwt.jwtAuthenticationConverter(
						new ReactiveJwtAuthenticationConverterAdapter(AdminTokenChecks.authentication())))
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache(cache -> cache.disable())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.cors(ServerHttpSecurity.CorsSpec::disable)
			// The security headers of every answer, also of those given before this chain: SecurityHeaders.
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.build();
	}
}
