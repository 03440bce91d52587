/**
 * Reading {@code HERALD_*} configuration: {@link dev.herald.config.Env} parses one variable at a time so every
 * error names its variable, and {@link dev.herald.config.ServiceStartup} turns such an error into one line and
 * exit status 2 in every service's {@code Main}.
 */
@NullMarked
package dev.herald.config;

import org.jspecify.annotations.NullMarked;
