/** For implementors of stores: the provider service and the shared typed command layer. */
package dev.keel.spi;
