"""MkDocs hooks (mkdocs.yml names this file): each event handed to the adapter, `casebook_mkdocs`.

The adapter hands the pages of the `casebook` core to MkDocs. A move to another generator
replaces that package and this file, not the core."""

from mkdocs.plugins import event_priority

from casebook_mkdocs import session


def on_startup(command, dirty):
    session.startup(command, dirty)


def on_shutdown():
    session.shutdown()


@event_priority(100)  # first: the other plugins must see this language's settings
def on_config(config):
    return session.config(config)


def on_files(files, config):
    return session.files(files, config)


def on_page_markdown(markdown, page, config, files):
    return session.page_markdown(markdown, page)


def on_page_context(context, page, config, nav):
    return session.page_context(context, page, config)


def on_page_content(html, page, config, files):
    return session.page_content(html, page)


def on_post_page(output, page, config):
    return session.post_page(output, page)


def on_env(env, config, files):
    return session.env(env)


@event_priority(-100)  # after every other plugin has written its files
def on_post_build(config):
    session.post_build(config)


def on_build_error(error):
    session.build_error()


def on_template_context(context, template_name, config):
    return session.template_context(context, template_name)


def on_serve(server, config, builder):
    return session.serve(server, config)
