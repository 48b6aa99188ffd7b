package dev.formgate.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Completes what springdoc reads from the controllers: the admin bearer token as a security scheme on every call
 * guarded by {@code @PreAuthorize}, with the role it needs, and every error answer as {@code application/problem+json}
 * (RFC 9457), as the services send them.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocsAutoConfiguration {

	static final String ADMIN_TOKEN = "admin-token";
	static final String PROBLEM = "Problem";
	static final String PROBLEM_JSON = "application/problem+json";

	private static final Pattern AUTHORITY = Pattern.compile("hasAuthority\\('([^']+)'\\)");

	static {
		// a page's handler returns a view; what the client gets is HTML
		SpringDocUtils.getConfig().replaceWithClass(ModelAndView.class, String.class);
	}

	@Bean
	OpenAPI formgateOpenApi(@Value("${spring.application.name}") String service) {
		return new OpenAPI()
			.info(new Info().title("Formgate " + service)
				.description("The HTTP API of the " + service + ". Reached through the gateway, which routes the "
						+ "public calls and checks admin tokens before a service checks them again.")
				.version("v1")
				.license(new License().name("Apache-2.0")))
			// relative: "try it out" goes to wherever the document was fetched from, i.e. through the gateway
			.servers(List.of(new Server().url("/")))
			.components(new Components()
				.addSecuritySchemes(ADMIN_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An admin token (RS256 JWT, audience formgate) whose `roles` claim names the role "
							+ "each call needs: newsletter-editor, contact-agent or privacy-admin."))
				.addSchemas(PROBLEM, problemSchema()));
	}

	/**
	 * Calls guarded by {@code @PreAuthorize("hasAuthority('…')")} need the admin token with that role. Error answers
	 * are problem documents, except from the pages (confirm, unsubscribe), which answer in HTML either way.
	 */
	@Bean
	OperationCustomizer adminTokenAndProblems() {
		return (operation, handler) -> {
			if (ModelAndView.class.isAssignableFrom(handler.getMethod().getReturnType())) {
				operation.getResponses().forEach((code, response) -> response.setContent(html()));
				operation.getResponses().putIfAbsent("400", new ApiResponse().description("Invalid or used link")
					.content(html()));
				return operation;
			}
			PreAuthorize guard = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
			if (guard == null) {
				guard = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
			}
			if (guard != null) {
				var role = AUTHORITY.matcher(guard.value());
				String needs = role.find() ? "Needs an admin token with the role `" + role.group(1) + "`."
						: "Needs an admin token.";
				operation.addSecurityItem(new SecurityRequirement().addList(ADMIN_TOKEN));
				operation.setDescription(operation.getDescription() == null ? needs
						: operation.getDescription() + "\n\n" + needs);
				operation.getResponses().addApiResponse("401", problem("No valid admin token"));
				operation.getResponses().addApiResponse("403", problem("The admin token lacks the role"));
			}
			// springdoc alone would describe error answers as */*; the services send RFC 9457 problem documents
			operation.getResponses().forEach((code, response) -> {
				if (code.startsWith("4") || code.startsWith("5")) {
					response.setContent(problemContent());
				}
			});
			operation.getResponses().putIfAbsent("400", problem("Invalid input"));
			return operation;
		};
	}

	private static Content html() {
		return new Content().addMediaType("text/html", new MediaType().schema(new StringSchema()));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description).content(problemContent());
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		return new ObjectSchema()
			.description("RFC 9457 problem details; the types are listed in docs/api.md. No instance: the path is "
					+ "never echoed.")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("errors", new ArraySchema().description("invalid fields; never echoes what was sent")
				.items(new ObjectSchema().addProperty("field", new StringSchema())
					.addProperty("code", new StringSchema())
					.addProperty("detail", new StringSchema())));
	}
}
