# Production image: the bot in webhook mode (see docker-compose.yml).
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core tzdata \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY bot ./bot
COPY dialogs ./dialogs
COPY nlu ./nlu
COPY knowledge ./knowledge
COPY devtools ./devtools
COPY locales ./locales
COPY alembic.ini babel.cfg ./
# Editable: code reads its data (knowledge/, locales/, nlu/data) beside the source.
RUN pip install --no-cache-dir -c constraints.txt -e . \
    && python -m bot.i18n_tools compile \
    && python -m nlu train
RUN useradd --system --uid 10001 qorgau && mkdir -p /app/data && chown qorgau /app/data
USER qorgau
ENV BOT_MODE=webhook WEBHOOK_HOST=0.0.0.0 WEBHOOK_PORT=8443
EXPOSE 8443
CMD ["python", "-m", "bot"]
