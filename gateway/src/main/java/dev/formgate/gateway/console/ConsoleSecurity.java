package dev.formgate.gateway.console;

import dev.formgate.gateway.security.SecurityProperties;
import dev.formgate.security.AdminTokenChecks;
import dev.formgate.security.AdminTokenProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;

import java.net.URI;
import java.time.Clock;
import java.util.Collection;

/**
 * The gateway as the console's backend for frontend. The browser holds only a session cookie (HttpOnly, SameSite=Lax,
 * Secure and {@code __Host-} behind TLS); the provider's tokens stay in the session, in the gateway's MongoDB.
 * Sign-in is the authorization code flow with PKCE; every state change needs the session's CSRF token; logout ends
 * the session here and at the provider. The roles are those of the provider's access token, read with the same
 * checks as every admin call, so the console shows what the admin APIs will allow.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ConsoleEnabled.class)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurity {

	static final String SIGN_IN = "/oauth2/authorization/" + ProviderRegistration.ID;
	static final String SIGNED_OUT = "/console/signed-out";

	@Bean
	MongoSessions consoleSessions(ReactiveMongoTemplate mongo, Clock clock, ConsoleProperties properties) {
		return new MongoSessions(mongo, clock, properties.idleTimeout(), properties.absoluteTimeout());
	}

	@Bean
	SessionPurge consoleSessionPurge(MongoSessions sessions) {
		return new SessionPurge(sessions);
	}

	@Bean(name = "webSessionManager")
	WebSessionManager webSessionManager(MongoSessions sessions, SecurityProperties security) {
		boolean secure = security.publicOrigin().startsWith("https:");
		var cookies = new CookieWebSessionIdResolver();
		// __Host-: only this origin, only over TLS, path / (browsers refuse the prefix on plain http).
		cookies.setCookieName(secure ? "__Host-formgate-console" : "formgate-console");
		cookies.addCookieInitializer(cookie -> cookie.httpOnly(true).secure(secure).sameSite("Lax").path("/"));
		var manager = new DefaultWebSessionManager();
		manager.setSessionStore(sessions);
		manager.setSessionIdResolver(cookies);
		return manager;
	}

	@Bean(name = "localeContextResolver")
	LocaleContextResolver localeContextResolver() {
		return new ConsoleLocale();
	}

	@Bean
	ProviderRegistration consoleClientRegistration(ConsoleProperties properties, AdminTokenProperties tokens,
			SecurityProperties security) {
		return new ProviderRegistration(properties, tokens.issuer(), security.publicOrigin());
	}

	@Bean
	ServerOAuth2AuthorizedClientRepository consoleAuthorizedClients() {
		return new WebSessionServerOAuth2AuthorizedClientRepository();
	}

	@Bean
	ReactiveOAuth2AuthorizedClientManager consoleAuthorizedClientManager(ReactiveClientRegistrationRepository registrations,
			ServerOAuth2AuthorizedClientRepository clients) {
		var manager = new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.authorizationCode()
			.refreshToken()
			.build());
		return manager;
	}

	/** The person's roles are those of the provider's access token, read as every admin call reads it. */
	@Bean
	ReactiveOAuth2UserService<OidcUserRequest, OidcUser> consoleUserService(ReactiveJwtDecoder adminTokenDecoder) {
		var delegate = new OidcReactiveOAuth2UserService();
		return request -> delegate.loadUser(request)
			.flatMap(user -> adminTokenDecoder.decode(request.getAccessToken().getTokenValue()).map(jwt -> {
				Collection<GrantedAuthority> roles = AdminTokenChecks.authentication().convert(jwt).getAuthorities();
				return (OidcUser) new DefaultOidcUser(roles, user.getIdToken(), user.getUserInfo(),
						IdTokenClaimNames.SUB);
			}))
			.onErrorMap(JwtException.class, e -> new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
					"The provider's access token is not accepted by the admin APIs (issuer, audience, key).", null)));
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain consoleFilterChain(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
			SecurityProperties security, AdminTokenProperties tokens) {
		var requestCache = new WebSessionServerRequestCache();
		var entryPoint = new RedirectServerAuthenticationEntryPoint(SIGN_IN);
		entryPoint.setRequestCache(requestCache);
		var redirects = new DefaultServerRedirectStrategy();

		var authorizationRequests = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

		String policy = policy(security, tokens.issuer());
		var providerLogout = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
		providerLogout.setPostLogoutRedirectUri(security.publicOrigin().replaceAll("/+$", "") + SIGNED_OUT);
		providerLogout.setLogoutSuccessUrl(URI.create(SIGNED_OUT));

		return http
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/console", "/console/**",
					"/oauth2/authorization/**", "/login/oauth2/code/**"))
			.authorizeExchange(exchanges -> {
				exchanges.pathMatchers(SIGNED_OUT).permitAll();
				// Each area needs its role; the admin API behind it checks again.
				for (Area area : Area.values()) {
					exchanges.pathMatchers(area.path, area.path + "/**").hasAuthority(area.role);
				}
				exchanges.anyExchange().authenticated();
			})
			.oauth2Login(login -> login.authorizationRequestResolver(authorizationRequests)
				.authenticationSuccessHandler((filterExchange, authentication) -> requestCache
					.getRedirectUri(filterExchange.getExchange())
					.map(URI::toString)
					.defaultIfEmpty(SafeRedirect.HOME)
					.flatMap(target -> redirects.sendRedirect(filterExchange.getExchange(),
							URI.create(SafeRedirect.target(target)))))
				.authenticationFailureHandler((filterExchange, e) -> Refusals.write(filterExchange.getExchange(),
						Refusals.Kind.SIGN_IN_FAILED)))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((exchange, e) -> Refusals.write(exchange,
						e instanceof CsrfException ? Refusals.Kind.FORM_EXPIRED : Refusals.Kind.FORBIDDEN)))
			.requestCache(cache -> cache.requestCache(requestCache))
			.securityContextRepository(new WebSessionServerSecurityContextRepository())
			.csrf(csrf -> csrf.accessDeniedHandler((exchange, e) -> Refusals.write(exchange,
					Refusals.Kind.FORM_EXPIRED)))
			.logout(logout -> logout
				.requiresLogout(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/console/logout"))
				.logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
						new WebSessionServerLogoutHandler()))
				.logoutSuccessHandler(providerLogout))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.cors(ServerHttpSecurity.CorsSpec::disable)
			// The gateway's SecurityHeaders add the other headers (frame, nosniff, HSTS, no-store) to every answer; an
			// answer that brings its own policy keeps it, so the console's is set before anything else runs.
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.addFilterAt((exchange, chain) -> {
				exchange.getResponse().getHeaders().set("Content-Security-Policy", policy);
				exchange.getResponse().getHeaders().set("Referrer-Policy", "same-origin");
				return chain.filter(exchange);
			}, SecurityWebFiltersOrder.FIRST)
			.build();
	}

	/**
	 * The gateway's policy, with the provider's origin added to {@code form-action}: the logout form's answer sends
	 * the browser on to the provider's logout, and browsers hold a form's redirects to {@code form-action}.
	 */
	static String policy(SecurityProperties security, String issuer) {
		URI provider;
		try {
			provider = URI.create(issuer.strip());
		}
		catch (IllegalArgumentException e) {
			return security.contentSecurityPolicy();
		}
		if (provider.getScheme() == null || provider.getHost() == null) {
			return security.contentSecurityPolicy();
		}
		String origin = provider.getScheme() + "://" + provider.getHost()
				+ (provider.getPort() < 0 ? "" : ":" + provider.getPort());
		return security.contentSecurityPolicy().replace("form-action 'self'", "form-action 'self' " + origin);
	}

	/** Deletes ended sessions (MongoDB deployments without TTL indexes keep them otherwise). */
	static final class SessionPurge {

		private final MongoSessions sessions;

		SessionPurge(MongoSessions sessions) {
			this.sessions = sessions;
			sessions.createIndexes().onErrorComplete().subscribe();
		}

		@Scheduled(fixedDelayString = "${formgate.console.purge-interval:5m}", initialDelayString = "${formgate.console.purge-interval:5m}")
		void purge() {
			sessions.purge().onErrorComplete().block();
		}
	}
}
