package dev.formgate.gateway.support;

import dev.formgate.security.AdminTokenFixture;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The gateway on a real port with mongo-java-server over TCP, routing to a recording backend (newsletter and contact
 * routes) and to a closed port (the erasure route: a service that is down). It trusts one proxy, so tests choose the
 * client address with {@code X-Forwarded-For}; limits are small so tests reach them quickly. One context for all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "formgate.admin-token.issuer=" + AdminTokenFixture.ISSUER,
				"formgate.gateway.trusted-proxies=1",
				"formgate.gateway.security.allowed-origins=https://www.example.org",
				"formgate.gateway.security.public-origin=https://forms.example.org",
				// Two comment sites, each with its own website (CrossOrigin): one of them is also a form website.
				"formgate.comment.sites.www.origins=https://www.example.org",
				"formgate.comment.sites.blog.origins=https://blog.example.org,null",
				"formgate.gateway.abuse.per-address.requests=5",
				"formgate.gateway.abuse.per-network.requests=20",
				"formgate.gateway.abuse.proof-of-work.hmac-key=" + GatewayTestInfrastructure.ALTCHA_KEY,
				"formgate.gateway.abuse.proof-of-work.max-number=1000",
				"formgate.gateway.errors.retry-after=7s",
				// No broker in these tests: the inventory announcement retries against a closed port, never a real one.
				"spring.kafka.bootstrap-servers=127.0.0.1:9" })
@Import(GatewayTestInfrastructure.class)
public @interface GatewayTest {
}
