/** Comments on blog posts: posted, moderated, published with their time; the client address kept apart as evidence. */
package dev.formgate.comment;
