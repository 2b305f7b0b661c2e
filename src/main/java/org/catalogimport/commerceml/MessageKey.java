package org.catalogimport.commerceml;

/**
 * A message the application stores or shows to a person: its key in the bundle
 * {@code org.catalogimport.messages} (every language) and how many arguments it takes. Each layer
 * lists its messages in an enum implementing this interface (problems of the reader, refusals of
 * the package check, the writer's problems and refusals, the importer's errors), so a test can find
 * every key and insist on both translations.
 */
public interface MessageKey {

    /** The bundle key, e.g. {@code problem.product.noId}; stored with the arguments, so never renamed lightly. */
    String key();

    /** How many arguments the message takes ({@code {0}} .. {@code {arity - 1}} in every language). */
    int arity();

    /** This message with its arguments. */
    default Text with(Object... args) {
        return Text.of(this, args);
    }
}
