package dev.formgate.web;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;

import java.util.Set;

/**
 * A form or query field bound to one value (text, a number, a date, a constant) must come once: Spring would join
 * two values of a text field with a comma, and which one the sender meant cannot be known. The conversion fails, and
 * {@link Problems} names the field with the code {@code duplicate}. Fields bound to lists and fields no form or query
 * record declares are not affected.
 */
final class SingleValues implements ConditionalGenericConverter {

	private static final TypeDescriptor TEXT = TypeDescriptor.valueOf(String.class);

	private final ConversionService conversions;

	SingleValues(ConversionService conversions) {
		this.conversions = conversions;
	}

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return Set.of(new ConvertiblePair(String[].class, Object.class));
	}

	@Override
	public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
		return !targetType.isArray() && !targetType.isCollection() && !targetType.isMap()
				&& conversions.canConvert(TEXT, targetType);
	}

	@Override
	public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		if (!(source instanceof String[] values) || values.length == 0) {
			return null;
		}
		if (values.length > 1) {
			throw new SentTwice();
		}
		return conversions.convert(values[0], TEXT, targetType);
	}

	/** The field came more than once. */
	static final class SentTwice extends IllegalArgumentException {

		SentTwice() {
			super("a field bound to one value was sent more than once");
		}
	}
}
