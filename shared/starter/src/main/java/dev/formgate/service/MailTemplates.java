package dev.formgate.service;

import org.springframework.context.MessageSource;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;

/**
 * The template engine a service writes its mails with: templates from the classpath under {@code templates/<folder>/},
 * UTF-8, parsed once. Plain-text mails are {@code .txt} templates in {@link TemplateMode#TEXT}; HTML parts are
 * {@code .html} templates in {@link TemplateMode#HTML}, which escapes every variable unless a template says otherwise.
 * Separate from the web pages' engine, so a mail never resolves a page template or the other way round.
 */
public final class MailTemplates {

	private MailTemplates() {
	}

	/** Plain-text templates {@code templates/<folder>/<name>.txt}. */
	public static TemplateEngine text(String folder) {
		return engine(folder, TemplateMode.TEXT, null);
	}

	/**
	 * @param mode {@link TemplateMode#TEXT} ({@code .txt}) or {@link TemplateMode#HTML} ({@code .html})
	 * @param messages where {@code #{…}} expressions are looked up, or null for none
	 */
	public static TemplateEngine engine(String folder, TemplateMode mode, MessageSource messages) {
		if (mode != TemplateMode.TEXT && mode != TemplateMode.HTML) {
			throw new IllegalArgumentException("mail templates are TEXT or HTML, not " + mode);
		}
		var resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/" + folder + "/");
		resolver.setSuffix(mode == TemplateMode.TEXT ? ".txt" : ".html");
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCacheable(true);
		var engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		if (messages != null) {
			engine.setTemplateEngineMessageSource(messages);
		}
		return engine;
	}
}
