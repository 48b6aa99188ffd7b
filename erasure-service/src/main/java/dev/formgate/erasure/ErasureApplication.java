package dev.formgate.erasure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ErasureApplication {

	public static void main(String[] args) {
		SpringApplication.run(ErasureApplication.class, args);
	}
}
