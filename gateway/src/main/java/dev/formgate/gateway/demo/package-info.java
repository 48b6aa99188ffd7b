/** The demo page: Formgate's forms as a website would embed them, in German and English. */
package dev.formgate.gateway.demo;
