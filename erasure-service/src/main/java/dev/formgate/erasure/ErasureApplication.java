package dev.formgate.erasure;

import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ErasureApplication {

	public static void main(String[] args) {
		SpringApplication.run(ErasureApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SubjectRefs subjectRefs(SharedSecrets secrets) {
		return new SubjectRefs(secrets.pepper());
	}

	/** The key's UTF-8 bytes, as every service reads {@code FORMGATE_TRANSPORT_KEY}. */
	@Bean
	TransportSeal transportSeal(SharedSecrets secrets) {
		return new TransportSeal(secrets.transportKey().getBytes(StandardCharsets.UTF_8));
	}
}
