//! Users, browser sessions and API tokens, for the server.
//!
//! The store keeps only what it is given: password hashes (the server hashes
//! with Argon2id) and digests of session and token secrets (the server
//! digests with SHA-256), so nothing here can log anyone in by itself.

use serde::Serialize;
use sqlx::Row;

use crate::Store;
use crate::error::Result;

/// A user as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    pub name: String,
    #[serde(skip)]
    pub password_hash: String,
    pub created_at: String,
}

/// A browser session as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    pub user: String,
    /// The CSRF token the session's forms carry.
    pub csrf: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

impl Store {
    /// Adds a user; `false` when one with this name exists (nothing changes then).
    pub async fn add_user(&self, name: &str, password_hash: &str) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO users (name, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(password_hash)
        .bind(crate::now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Replaces a user's password hash and ends their sessions; `false` when there is no such user.
    pub async fn set_password(&self, name: &str, password_hash: &str) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE name = $2")
            .bind(password_hash)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_name = $1").bind(name).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn user(&self, name: &str) -> Result<Option<User>> {
        let row = sqlx::query("SELECT name, password_hash, created_at FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(User {
                name: r.try_get("name")?,
                password_hash: r.try_get("password_hash")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .transpose()
    }

    /// All users, by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query("SELECT name, password_hash, created_at FROM users ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(User {
                    name: r.try_get("name")?,
                    password_hash: r.try_get("password_hash")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// Starts a session; `expires_at` is RFC 3339 (UTC). Expired sessions are removed on the way.
    pub async fn add_session(&self, id_hash: &str, user: &str, csrf: &str, expires_at: &str) -> Result<()> {
        let now = crate::now();
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(&now).execute(&self.pool).await?;
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_name, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id_hash)
        .bind(user)
        .bind(csrf)
        .bind(&now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The session with this id digest, expired or not (the caller checks `expires_at`).
    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionRow>> {
        let row = sqlx::query("SELECT user_name, csrf, expires_at FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(SessionRow {
                user: r.try_get("user_name")?,
                csrf: r.try_get("csrf")?,
                expires_at: r.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    pub async fn delete_session(&self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(&self.pool).await?;
        Ok(())
    }

    /// Records an API token (its digest) for `user`.
    pub async fn add_api_token(&self, token_hash: &str, user: &str) -> Result<()> {
        sqlx::query("INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user)
            .bind(crate::now())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The user an API token (by digest) belongs to.
    pub async fn api_token_user(&self, token_hash: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT user_name FROM api_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Revokes every API token of `user`; returns how many there were.
    pub async fn revoke_api_tokens(&self, user: &str) -> Result<u64> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE user_name = $1").bind(user).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}
