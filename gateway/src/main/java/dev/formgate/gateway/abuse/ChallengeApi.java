package dev.formgate.gateway.abuse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.util.LinkedHashMap;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code GET /api/altcha/challenge}: a fresh, signed, expiring proof-of-work challenge for the form widget. */
@Configuration(proxyBeanMethods = false)
class ChallengeApi {

	@Bean
	RouterFunction<ServerResponse> challengeRoute(ProofOfWork proofOfWork) {
		return route(GET("/api/altcha/challenge"), request -> {
			var challenge = proofOfWork.challenge();
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
