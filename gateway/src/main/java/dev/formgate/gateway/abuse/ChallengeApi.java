package dev.formgate.gateway.abuse;

import dev.formgate.gateway.errors.Catalogue;
import dev.formgate.gateway.errors.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.util.LinkedHashMap;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * {@code GET /api/altcha/challenge?form=newsletter} (or {@code contact}): a fresh, signed, expiring proof-of-work
 * challenge for the form widget, good for that form only. Without a known form: a {@code 400} problem.
 */
@Configuration(proxyBeanMethods = false)
class ChallengeApi {

	@Bean
	RouterFunction<ServerResponse> challengeRoute(ProofOfWork proofOfWork) {
		return route(GET("/api/altcha/challenge"), request -> {
			String form = request.queryParam(ProofOfWork.FORM).orElse(null);
			if (!proofOfWork.knowsForm(form)) {
				var rendered = Problems.render(request.exchange().getRequest(), Catalogue.UNKNOWN_FORM);
				return ServerResponse.status(rendered.status())
					.headers(headers -> headers.putAll(rendered.headers()))
					.bodyValue(rendered.body());
			}
			var challenge = proofOfWork.challenge(form);
			var body = new LinkedHashMap<String, Object>();
			body.put("algorithm", challenge.algorithm);
			body.put("challenge", challenge.challenge);
			body.put("maxnumber", challenge.maxnumber);
			body.put("salt", challenge.salt);
			body.put("signature", challenge.signature);
			return ServerResponse.ok()
				.cacheControl(CacheControl.noStore())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body);
		});
	}
}
