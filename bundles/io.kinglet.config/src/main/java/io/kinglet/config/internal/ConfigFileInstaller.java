package io.kinglet.config.internal;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Set;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.apache.felix.fileinstall.ArtifactListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code .cfg} and {@code .config} files FileInstall finds in the config folder, but
 * only after they pass the target component's metatype. Ranked above FileInstall's own
 * {@code ConfigInstaller}, it is offered every such file first and keeps it for its whole life
 * (FileInstall never re-assigns a file), so a bad edit never reaches Configuration Admin: the
 * component keeps its last good configuration until the file is fixed. An installer started while
 * FileInstall already runs (an update of this bundle) reads the folder itself: FileInstall does not
 * offer files again.
 */
@Component(
        service = {ArtifactInstaller.class, ArtifactListener.class},
        immediate = true,
        property = Constants.SERVICE_RANKING + ":Integer=1000")
public class ConfigFileInstaller implements ArtifactInstaller, BundleListener {

    /** Links a configuration to its file, the same property FileInstall uses. */
    static final String FILENAME_PROPERTY = "felix.fileinstall.filename";

    /** Location "?" lets whichever bundle declares the PID receive it, as FileInstall does. */
    private static final String ANY_LOCATION = "?";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileInstaller.class);

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final ConfigFileStatus status;
    private final MetatypeSchemas schemas;
    private final ConfigFileReader reader;
    /** Files refused only because no installed bundle describes their PID yet. */
    private final Set<File> awaitingSchema = new HashSet<>();
    /** Files refused only because another file already configures their PID. */
    private final Set<File> awaitingOwner = new HashSet<>();

    @Activate
    public ConfigFileInstaller(
            BundleContext context,
            @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metatype,
            @Reference ConfigFileStatus status) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.status = status;
        this.schemas = new MetatypeSchemas(context, metatype);
        this.reader = new ConfigFileReader(
                name -> name.startsWith("env:") ? System.getenv(name.substring(4)) : context.getProperty(name));
        context.addBundleListener(this);
        removeOrphans();
        Set<File> present = filesInWatchedFolders(context.getProperty("felix.fileinstall.dir"));
        if (fileInstallRunning(context)) {
            // FileInstall offers each file once and never again to a new installer, so one that comes
            // back while it runs (this bundle updated) reads the folder itself
            present.forEach(this::apply);
        } else {
            status.expect(present);
        }
    }

    private static boolean fileInstallRunning(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            if ("org.apache.felix.fileinstall".equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                return true;
            }
        }
        return false;
    }

    /** The configuration files in FileInstall's folders (a comma-separated list) right now. */
    static Set<File> filesInWatchedFolders(String dirs) {
        Set<File> files = new HashSet<>();
        if (dirs == null) {
            return files;
        }
        for (String dir : dirs.split(",")) {
            File[] found = new File(dir.strip()).listFiles((d, name) -> ConfigFileName.isConfigFile(name));
            if (found != null) {
                for (File file : found) {
                    files.add(file.getAbsoluteFile());
                }
            }
        }
        return files;
    }

    /**
     * A file deleted while the runtime was stopped leaves its configuration behind in Configuration
     * Admin's store; FileInstall only reports files that exist. Remove those configurations, as the
     * deletion would have while running.
     */
    private void removeOrphans() {
        try {
            Configuration[] linked = configAdmin.listConfigurations("(" + FILENAME_PROPERTY + "=*)");
            for (Configuration configuration : linked == null ? new Configuration[0] : linked) {
                File file = new File(URI.create(
                        configuration.getProperties().get(FILENAME_PROPERTY).toString()));
                if (!file.exists()) {
                    String pid = configuration.getPid();
                    configuration.delete();
                    LOG.info(
                            "Config file {} was removed while Kinglet was stopped: removed configuration {}",
                            file,
                            pid);
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalArgumentException e) {
            LOG.warn("Config files: could not check for configurations whose file is gone: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public boolean canHandle(File file) {
        return ConfigFileName.isConfigFile(file.getName());
    }

    @Override
    public void install(File file) {
        apply(file);
    }

    @Override
    public void update(File file) {
        apply(file);
    }

    @Override
    public synchronized void uninstall(File file) throws IOException, InvalidSyntaxException {
        awaitingSchema.remove(file);
        awaitingOwner.remove(file);
        status.accepted(file);
        Configuration configuration = findByFile(file);
        if (configuration != null) {
            String pid = configuration.getPid();
            configuration.delete();
            LOG.info("Config file {} deleted: removed configuration {}", file, pid);
            for (File waiting : Set.copyOf(awaitingOwner)) {
                if (ConfigFileName.parse(waiting.getName()).pid().equals(pid) && waiting.isFile()) {
                    apply(waiting);
                }
            }
        }
    }

    /** A bundle that declares a PID may arrive after its file: try the waiting files again. */
    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.RESOLVED || event.getType() == BundleEvent.STARTED) {
            retryAwaitingSchema();
        }
    }

    private synchronized void retryAwaitingSchema() {
        for (File file : Set.copyOf(awaitingSchema)) {
            if (file.isFile() && schemas.find(ConfigFileName.parse(file.getName())) != null) {
                apply(file);
            }
        }
    }

    synchronized void apply(File file) {
        ConfigFileName name = ConfigFileName.parse(file.getName());
        try {
            ObjectClassDefinition ocd = schemas.find(name);
            ConfigValidator.Validated validated =
                    ConfigValidator.validate(reader.read(file), schemaOrRefuse(ocd, name, file));
            awaitingSchema.remove(file);
            awaitingOwner.remove(file);
            boolean changed = write(file, name, validated.properties());
            status.accepted(file);
            if (!validated.undeclared().isEmpty()) {
                LOG.warn(
                        "Config file {}: properties {} are not declared by {} and are passed through unchecked",
                        file,
                        validated.undeclared(),
                        name.schemaPid());
            }
            if (changed) {
                LOG.info("Config file {} applied to {}", file, name.pid());
            } else {
                LOG.debug("Config file {} read: {} unchanged", file, name.pid());
            }
        } catch (ConfigRefusedException e) {
            status.refused(file, e.describe());
            LOG.warn(
                    "Config file {} refused: {}; {} keeps its last good configuration", file, e.describe(), name.pid());
        } catch (IOException | InvalidSyntaxException e) {
            status.refused(file, "could not be stored: " + e.getMessage());
            LOG.error("Config file {} could not be stored in Configuration Admin: {}", file, e.getMessage());
        }
    }

    private ObjectClassDefinition schemaOrRefuse(ObjectClassDefinition ocd, ConfigFileName name, File file)
            throws ConfigRefusedException {
        if (ocd != null) {
            return ocd;
        }
        awaitingSchema.add(file);
        throw new ConfigRefusedException(
                null,
                "unknown " + (name.isFactory() ? "factory PID '" : "PID '") + name.schemaPid()
                        + "': no installed bundle declares metatype for it");
    }

    private boolean write(File file, ConfigFileName name, Hashtable<String, Object> properties)
            throws IOException, InvalidSyntaxException, ConfigRefusedException {
        properties.put(FILENAME_PROPERTY, uri(file));
        Configuration configuration = findByFile(file);
        if (configuration == null) {
            refuseIfOwnedByAnotherFile(file, name);
            configuration = name.isFactory()
                    ? configAdmin.getFactoryConfiguration(name.factoryPid(), name.name(), ANY_LOCATION)
                    : configAdmin.getConfiguration(name.pid(), ANY_LOCATION);
        }
        return configuration.updateIfDifferent(properties);
    }

    /** Two files for one PID would silently overwrite each other: the second one is refused. */
    private void refuseIfOwnedByAnotherFile(File file, ConfigFileName name)
            throws IOException, InvalidSyntaxException, ConfigRefusedException {
        Configuration[] existing = configAdmin.listConfigurations("(service.pid=" + escapeFilter(name.pid()) + ")");
        if (existing == null) {
            return;
        }
        Object owner = existing[0].getProperties().get(FILENAME_PROPERTY);
        if (owner != null && new File(URI.create(owner.toString())).isFile()) {
            awaitingOwner.add(file);
            throw new ConfigRefusedException(
                    null,
                    "PID '" + name.pid() + "' is already configured by "
                            + new File(URI.create(owner.toString())).getName() + "; keep only one of the two files");
        }
    }

    private Configuration findByFile(File file) throws IOException, InvalidSyntaxException {
        Configuration[] found =
                configAdmin.listConfigurations("(" + FILENAME_PROPERTY + "=" + escapeFilter(uri(file)) + ")");
        return found == null || found.length == 0 ? null : found[0];
    }

    private static String uri(File file) {
        return file.getAbsoluteFile().toURI().toString();
    }

    static String escapeFilter(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '(' || c == ')' || c == '*' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
