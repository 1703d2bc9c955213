package io.github.tokenstore.jpa;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;

import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The library's own persistence unit, described in code rather than in a {@code persistence.xml}:
 * WildFly deploys every {@code persistence.xml} it finds in a {@code WEB-INF/lib} jar as a
 * container-managed unit, and Liberty scans them too, so the jar ships none. One managed class,
 * resource-local transactions, no shared cache.
 *
 * <p>Without a {@code persistence.xml} WildFly does not add Hibernate to the deployment, yet Hibernate
 * defines its entity proxy in the entity's (the deployment's) class loader: the jar's manifest therefore
 * says {@code Dependencies: org.hibernate optional} (pom.xml).
 */
final class TokenStorePersistenceUnit implements PersistenceUnitInfo {

    private final String providerClassName;
    private final DataSource dataSource;
    private final Properties properties = new Properties();

    TokenStorePersistenceUnit(String providerClassName, DataSource dataSource) {
        this.providerClassName = providerClassName;
        this.dataSource = dataSource;
        // EclipseLink weaves entities only with an agent in Java SE; without one it must be told not to.
        properties.setProperty("eclipselink.weaving", "false");
        // EclipseLink can print bind values into logs and exception messages; they would be tokens.
        properties.setProperty("eclipselink.logging.parameters", "false");
    }

    @Override
    public String getPersistenceUnitName() {
        return "tokenstore";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return providerClassName;
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        CodeSource source = TokenEntity.class.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    @Override
    public List<String> getManagedClassNames() {
        return List.of(TokenEntity.class.getName());
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return TokenEntity.class.getClassLoader();
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // No weaving: the entity works unenhanced on both providers.
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return TokenEntity.class.getClassLoader();
    }
}
