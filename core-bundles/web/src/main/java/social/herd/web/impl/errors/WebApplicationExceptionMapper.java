package social.herd.web.impl.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/** Maps JAX-RS exceptions (404, 405, 406, 415, ...) to JSON errors, keeping status and headers. */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("herd.errors.WebApplicationException")
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        return ExceptionResponses.toResponse(exception);
    }
}
