package social.herd.web.impl.json;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsMediaType;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import social.herd.web.api.Json;

/**
 * The JSON body reader and writer for every resource, configured by {@link Json}. Registered with
 * {@code osgi.jakartars.media.type=application/json}, so resources annotated
 * {@code @JSONRequired} bind to it.
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JakartarsExtension
@JakartarsName(MastodonJsonProvider.NAME)
@JakartarsMediaType(MediaType.APPLICATION_JSON)
public class MastodonJsonProvider extends JacksonJsonProvider {

    /** The extension's whiteboard name. */
    public static final String NAME = "herd.json";

    /** A provider using {@link Json#mapper()}. */
    public MastodonJsonProvider() {
        super(Json.mapper());
    }
}
