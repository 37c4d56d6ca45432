package social.herd.web.impl.errors;

import com.fasterxml.jackson.core.JacksonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/** Maps malformed JSON to {@code 400 {"error":"Malformed JSON: ..."}}. */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("herd.errors.JacksonException")
public final class JacksonExceptionMapper implements ExceptionMapper<JacksonException> {

    @Override
    public Response toResponse(JacksonException exception) {
        return ExceptionResponses.toResponse(exception);
    }
}
