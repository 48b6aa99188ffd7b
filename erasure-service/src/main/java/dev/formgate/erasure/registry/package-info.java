/** The registry of stores and the personal data each announces: the record of processing and who must answer. */
package dev.formgate.erasure.registry;
