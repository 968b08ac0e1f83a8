package io.orca.app;

import io.orca.schema.NetworkSchema;

/** The network.yaml JSON Schema Orca validates with ({@code orca schema}; editors and the service serve it). */
public final class SchemaService {
    private SchemaService() {
    }

    public static String text() {
        return NetworkSchema.text();
    }
}
