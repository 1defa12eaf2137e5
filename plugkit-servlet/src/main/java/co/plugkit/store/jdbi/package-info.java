/**
 * The default store on JDBI and Flyway, for H2, PostgreSQL and MariaDB/MySQL; {@link
 * co.plugkit.store.jdbi.JdbiPlugKitStore} is its one public type.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.store.jdbi;

import org.jspecify.annotations.NullMarked;
