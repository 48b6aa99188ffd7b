package dev.formgate.gateway.abuse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Anti-automation for public writes (prefix {@code formgate.gateway.abuse}). A public write is any request other
 * than GET, HEAD and OPTIONS outside {@code /api/admin/}.
 *
 * @param perAddress the limit per client address (default 20 per hour)
 * @param perNetwork the limit per network block, IPv4 /24 and IPv6 /48 by default (application.yml: 200 per hour)
 * @param ipv4NetworkBits prefix length of an IPv4 network block (default 24)
 * @param ipv6NetworkBits prefix length of an IPv6 network block (default 48)
 * @param maxBody largest public request body (default 64KB: a 5,000-character message in umlauts, form-encoded)
 * @param maxAdminBody largest admin request body (default 256KB)
 * @param tokenPosts the limit of the posts that carry a mail's token (confirm, unsubscribe, RFC 8058 one-click)
 * @param proofOfWork the ALTCHA proof-of-work challenge
 */
@Validated
@ConfigurationProperties("formgate.gateway.abuse")
record AbuseProperties(@DefaultValue @Valid Limit perAddress, @DefaultValue @Valid Limit perNetwork,
		@DefaultValue("24") int ipv4NetworkBits, @DefaultValue("48") int ipv6NetworkBits,
		@DefaultValue("64KB") DataSize maxBody, @DefaultValue("256KB") DataSize maxAdminBody,
		@DefaultValue @Valid TokenPosts tokenPosts, @DefaultValue @Valid ProofOfWork proofOfWork) {

	/** The form of the "Meine Daten" page: data-subject rights. */
	static final String RIGHTS_FORM = "privacy";

	/**
	 * A token bucket: {@code requests} per {@code period}, refilled gradually.
	 *
	 * @param requests how many requests the bucket holds (default 20)
	 * @param period how long a full refill takes (default 1h)
	 */
	record Limit(@DefaultValue("20") @Min(1) long requests, @DefaultValue("1h") Duration period) {
	}

	/**
	 * Posts that carry a token from a mail: confirming and withdrawing. They never count against the sign-up limits
	 * (withdrawal must not be harder than consent), and need no proof of work: the token is the proof. Their own bucket
	 * is per network only and large, because a mail provider sends RFC 8058 one-click posts for thousands of its users
	 * an hour from a few addresses; it only caps the load one network can put on the services.
	 *
	 * @param paths the exact paths (no other spelling loosens a limit)
	 * @param perNetwork requests per network block (default 10000)
	 * @param period how long a full refill takes (default 1h)
	 */
	record TokenPosts(
			@DefaultValue({ "/newsletter/confirm", "/newsletter/unsubscribe", "/privacy/request", "/comments/delete",
					"/api/comments/delete" }) List<String> paths,
			@DefaultValue("10000") @Min(1) long perNetwork, @DefaultValue("1h") Duration period) {

		Limit asLimit() {
			return new Limit(perNetwork, period);
		}
	}

	/**
	 * @param required whether the guarded paths need a solved challenge (default true)
	 * @param hmacKey signs challenges (≥ 32 characters; no default outside the local profile)
	 * @param maxNumber difficulty: the solver tries up to this many hashes, half of them on average (default 50000)
	 * @param expires how long a challenge may be solved and used (default 10m); a solution works once
	 * @param forms the form submissions that need a solution, by the form name a challenge is issued for
	 * ({@code /api/altcha/challenge?form=newsletter}); a solution is good only for its form's path. The form
	 * {@value AbuseProperties#RIGHTS_FORM} (the "Meine Daten" page) also names the posts that count in buckets of
	 * their own, never the sign-ups' (docs/architecture.md, rule 10)
	 */
	record ProofOfWork(@DefaultValue("true") boolean required, String hmacKey,
			@DefaultValue("50000") @Min(1000) long maxNumber, @DefaultValue("10m") Duration expires,
			Map<String, String> forms) {

		ProofOfWork {
			if (forms == null || forms.isEmpty()) {
				forms = Map.of("newsletter", "/api/newsletter/subscriptions", "contact", "/api/contact", "comment",
						"/api/comments", RIGHTS_FORM, "/api/privacy/self-service");
			}
		}

		@AssertTrue(message = "formgate.gateway.abuse.proof-of-work.hmac-key needs at least 32 characters")
		boolean isKeyStrong() {
			return !required || hmacKey != null && hmacKey.length() >= 32;
		}
	}
}
