package dev.formgate.testing;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a store's code really writes, to hold its declared inventory against. */
public final class Inventories {

	private Inventories() {
	}

	/** The collections of every {@code @Document} class in these packages and the shared privacy toolkit's. */
	public static Set<String> mappedCollections(MongoTemplate mongo, String... packages) {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Document.class));
		return Stream.concat(Stream.of(packages), Stream.of("dev.formgate.privacy"))
			.flatMap(p -> scanner.findCandidateComponents(p).stream())
			.map(bean -> mongo.getCollectionName(load(bean.getBeanClassName()))).collect(Collectors.toSet());
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException e) {
			throw new IllegalStateException(e);
		}
	}
}
